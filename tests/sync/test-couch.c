/* test-couch.c: the CouchDB client against a real PouchDB Server, through fault proxies
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/sync/with-pouch.py --proxies (meson does), which starts PouchDB Server on a
 * free loopback port, a plain and a TLS fault proxy in front of it, and a control endpoint
 * (faultproxy.py) to switch the proxies' modes and to kill, stop and restart the server.
 * The tests run in order and share the server.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "polku-couch.h"

static const char *url, *admin, *admin_password, *proxy_url, *tls_url, *tls_fingerprint;
static const char *control_url;

#define DB       "polku-test"
#define OTHER_DB "polku-other"
#define ALICE_PW "alice-Secret-7"
#define BOB_PW   "bob-Secret-9"

/* ---- everything logged, to check that no secret is ---------------------------------- */

static GMutex log_lock;
static GString *log_text;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        g_string_append_len (log_text, fields[i].value,
                             fields[i].length < 0 ? (gssize) strlen (fields[i].value)
                                                  : fields[i].length);
        g_string_append_c (log_text, '\n');
      }
  g_mutex_unlock (&log_lock);
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* ---- helpers ------------------------------------------------------------------------- */

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static PolkuCouch *
couch (const char *base,
       const char *account,
       const char *password,
       const char *pin)
{
  g_autoptr(GError) error = NULL;
  PolkuCouch *c = polku_couch_new (base, account, password, pin, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

/* A control call (faultproxy.ControlServer). */
static void
control (const char *method,
         const char *path,
         const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *target = g_strconcat (control_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, target);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
proxy_mode (const char *proxy,
            const char *mode_json)
{
  g_autofree char *path = g_strdup_printf ("/proxy/%s/mode", proxy);

  control ("PUT", path, mode_json);
}

static void
admin_request (const char *method,
               const char *path,
               const char *body,
               guint       expected)
{
  g_autoptr(PolkuCouch) c = couch (url, admin, admin_password, NULL);
  g_autoptr(JsonNode) node = body != NULL ? json (body) : NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  answer = polku_couch_request (c, method, path, NULL, node, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (status, ==, expected);
}

static const char *
member_string (JsonNode   *node,
               const char *name)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

/* The "rev" of a per-document result of _bulk_docs. */
static char *
bulk_rev (JsonNode *results,
          guint     index)
{
  JsonObject *result = json_array_get_object_element (json_node_get_array (results), index);

  g_assert_false (json_object_has_member (result, "error"));
  return g_strdup (json_object_get_string_member (result, "rev"));
}

/* The per-document result of _bulk_docs for @id. */
static JsonNode *
result_for (JsonNode   *results,
            const char *id)
{
  JsonArray *array = json_node_get_array (results);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (member_string (json_array_get_element (array, i), "id"), id) == 0)
      return json_array_get_element (array, i);
  g_error ("no result for %s in %s", id, json_to_string (results, FALSE));
  return NULL;
}

static char *
put_doc (PolkuCouch *c,
         const char *db,
         const char *doc_json)
{
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(GError) error = NULL;

  json_array_add_element (docs, json (doc_json));
  results = polku_couch_bulk_docs (c, db, docs, NULL, &error);
  g_assert_no_error (error);
  return bulk_rev (results, 0);
}

/* ---- tests --------------------------------------------------------------------------- */

static void
test_invalid (void)
{
  static const char * const bad_urls[] = {
    "", "server.example", "ftp://server.example/", "https://", "https://u:p@server.example/",
    "https://server.example/?x=1", "https://server.example/#top", "mailto:x@y",
  };
  static const char * const bad_names[] = {
    "", "Polku", "_users", "1polku", "polku x", "polku-ä", "polku.x",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCouch) nowhere = NULL;
  g_autoptr(PolkuCouch) c = NULL;
  g_autofree char *long_name = g_strnfill (239, 'a');
  char *fingerprint;

  for (gsize i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autoptr(PolkuCouch) x = polku_couch_new (bad_urls[i], "a", "b", NULL, &error);

      g_assert_null (x);
      g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (polku_couch_new ("https://server.example", "a", "b", "12:34", &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (polku_couch_new ("https://server.example", "a", NULL, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
  g_clear_error (&error);

  c = couch ("HTTPS://Server.example:6984/couch", "a", "b", NULL);
  g_assert_cmpstr (polku_couch_get_url (c), ==, "https://Server.example:6984/couch/");

  fingerprint = polku_couch_normalize_fingerprint (
    "ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 "
    "23 45 67 89");
  g_assert_cmpstr (fingerprint, ==, "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                                    "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");
  g_free (fingerprint);
  g_assert_null (polku_couch_normalize_fingerprint ("zz"));

  /* Names are refused before any request: a server that cannot be reached would say
   * UNREACHABLE otherwise. */
  nowhere = couch ("http://127.0.0.1:9/", "a", "b", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(JsonNode) answer = polku_couch_changes (nowhere, bad_names[i], NULL, 10, NULL,
                                                        &error);

      g_assert_null (answer);
      g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (polku_couch_check_db_name (bad_names[i], NULL));
    }
  g_assert_false (polku_couch_check_db_name (long_name, NULL));
  long_name[238] = '\0';
  g_assert_true (polku_couch_check_db_name (long_name, NULL));
  g_assert_true (polku_couch_check_db_name ("polku-a1_$()+-/", NULL));
  g_assert_null (polku_couch_get_doc (nowhere, DB, "_secret", NULL, FALSE, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (polku_couch_request (nowhere, "GET", "//evil.example/x", NULL, NULL, NULL,
                                      NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (polku_couch_changes (nowhere, DB, "{", 10, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
}

static void
test_setup (void)
{
  g_autoptr(PolkuCouch) c = couch (url, admin, admin_password, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) again = NULL;
  guint status = 0;

  admin_request ("PUT", DB, NULL, 201);
  admin_request ("PUT", DB "/_security",
                 "{\"admins\":{\"names\":[],\"roles\":[]},"
                 "\"members\":{\"names\":[],\"roles\":[\"polku-test\",\"polku-coordinator\"]}}",
                 200);
  admin_request ("PUT", OTHER_DB, NULL, 201);
  admin_request ("PUT", OTHER_DB "/_security",
                 "{\"admins\":{\"names\":[],\"roles\":[]},"
                 "\"members\":{\"names\":[],\"roles\":[\"polku-other\"]}}", 200);
  admin_request ("PUT", "_users/org.couchdb.user:alice",
                 "{\"name\":\"alice\",\"password\":\"" ALICE_PW "\",\"roles\":[\"polku-test\"],"
                 "\"type\":\"user\"}", 201);
  admin_request ("PUT", "_users/org.couchdb.user:bob",
                 "{\"name\":\"bob\",\"password\":\"" BOB_PW "\",\"roles\":[\"polku-other\"],"
                 "\"type\":\"user\"}", 201);

  /* An existing database: 412, a conflict. */
  again = polku_couch_request (c, "PUT", DB, NULL, NULL, &status, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_CONFLICT);
  g_assert_cmpuint (status, ==, 412);
}

static void
test_login (void)
{
  g_autoptr(PolkuCouch) good = couch (url, "alice", ALICE_PW, NULL);
  g_autoptr(PolkuCouch) wrong = couch (url, "alice", "not-her-password", NULL);
  g_autoptr(PolkuCouch) nobody = couch (url, "nobody", "x", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  g_assert_true (polku_couch_login (good, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (polku_couch_login (wrong, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_null (strstr (error->message, "not-her-password"));
  g_clear_error (&error);

  /* Any call logs in first: a wrong password is UNAUTHORIZED there too, not NO_ACCESS. */
  answer = polku_couch_changes (wrong, DB, NULL, 10, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_assert_false (polku_couch_login (nobody, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNAUTHORIZED);
}

static void
test_bulk_and_changes (void)
{
  g_autoptr(PolkuCouch) c = couch (url, "alice", ALICE_PW, NULL);
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonArray) stale = json_array_new ();
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) rest = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  g_autofree char *since_string = NULL;
  JsonObject *change;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"_id\":\"plan-%u\",\"type\":\"polku.shared-plan\","
                                               "\"format\":1,\"n\":%u}", i, i);

      json_array_add_element (docs, json (text));
    }
  results = polku_couch_bulk_docs (c, DB, docs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (results)), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *rev = bulk_rev (results, i);

      g_assert_true (g_str_has_prefix (rev, "1-"));
    }

  first = polku_couch_changes (c, DB, NULL, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (first), "results")), ==, 2);
  change = json_array_get_object_element (json_object_get_array_member (
                                            json_node_get_object (first), "results"), 0);
  g_assert_true (json_object_has_member (change, "doc"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "doc"),
                                                  "type"), ==, "polku.shared-plan");
  g_assert_true (json_object_has_member (change, "changes"));

  /* last_seq is opaque JSON: an integer from PouchDB, a string from CouchDB. */
  since = json_to_string (json_object_get_member (json_node_get_object (first), "last_seq"),
                          FALSE);
  rest = polku_couch_changes (c, DB, since, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (rest), "results")), ==, 3);
  since_string = g_strdup_printf ("\"%s\"", since);
  g_clear_pointer (&rest, json_node_unref);
  rest = polku_couch_changes (c, DB, since_string, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (rest), "results")), ==, 3);

  all = polku_couch_changes (c, DB, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (all), "results")), ==, 5);

  /* A stale revision: the per-document result says conflict; no GError. */
  json_array_add_element (stale, json ("{\"_id\":\"plan-0\",\"_rev\":\"1-00000000000000000000000000000000\",\"n\":9}"));
  json_array_add_element (stale, json ("{\"_id\":\"plan-9\",\"n\":9}"));
  conflict = polku_couch_bulk_docs (c, DB, stale, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (conflict)), ==, 2);
  g_assert_cmpstr (member_string (result_for (conflict, "plan-0"), "error"), ==, "conflict");
  g_assert_null (member_string (result_for (conflict, "plan-9"), "error"));
}

static void
test_conflicts_and_open_revs (void)
{
  g_autoptr(PolkuCouch) c = couch (url, "alice", ALICE_PW, NULL);
  g_autoptr(JsonNode) body = json (
    "{\"new_edits\":false,\"docs\":["
    "{\"_id\":\"plan-c\",\"_rev\":\"2-aaaa\",\"v\":\"A\",\"_revisions\":{\"start\":2,\"ids\":[\"aaaa\",\"1111\"]}},"
    "{\"_id\":\"plan-c\",\"_rev\":\"2-bbbb\",\"v\":\"B\",\"_revisions\":{\"start\":2,\"ids\":[\"bbbb\",\"1111\"]}}]}");
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(JsonNode) older = NULL;
  g_autoptr(JsonNode) revs = NULL;
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const both[] = { "2-aaaa", "2-bbbb", "2-cccc", NULL };
  JsonArray *conflicts;
  JsonArray *array;
  const char *winner;
  guint ok = 0, missing = 0;

  answer = polku_couch_request (c, "POST", DB "/_bulk_docs", NULL, body, NULL, NULL, &error);
  g_assert_no_error (error);

  doc = polku_couch_get_doc (c, DB, "plan-c", NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  winner = member_string (doc, "_rev");
  g_assert_cmpstr (winner, ==, "2-bbbb");    /* the higher hash wins */
  conflicts = json_object_get_array_member (json_node_get_object (doc), "_conflicts");
  g_assert_nonnull (conflicts);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (conflicts, 0), ==, "2-aaaa");

  plain = polku_couch_get_doc (c, DB, "plan-c", NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (json_node_get_object (plain), "_conflicts"));

  older = polku_couch_get_doc (c, DB, "plan-c", "2-aaaa", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member_string (older, "v"), ==, "A");

  revs = polku_couch_open_revs (c, DB, "plan-c", both, NULL, &error);
  g_assert_no_error (error);
  array = json_node_get_array (revs);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);

      if (json_object_has_member (element, "ok"))
        {
          JsonObject *leaf = json_object_get_object_member (element, "ok");

          ok++;
          g_assert_true (json_object_has_member (leaf, "_revisions"));
        }
      else
        missing++;
    }
  g_assert_cmpuint (ok, ==, 2);
  g_assert_cmpuint (missing, ==, 1);

  changes = polku_couch_changes (c, DB, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (changes), "results");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (change, "id"), "plan-c"))
        {
          /* style=all_docs: both leaves; conflicts=true: the doc names the loser */
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (change, "changes")),
                            ==, 2);
          g_assert_true (json_object_has_member (json_object_get_object_member (change, "doc"),
                                                 "_conflicts"));
        }
    }

  g_clear_pointer (&doc, json_node_unref);
  doc = polku_couch_get_doc (c, DB, "plan-none", NULL, TRUE, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND);
}

static void
test_local (void)
{
  g_autoptr(PolkuCouch) c = couch (url, "alice", ALICE_PW, NULL);
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) first = json ("{\"last_seq\":3,\"history\":[]}");
  g_autoptr(JsonNode) second = json ("{\"_rev\":\"0-99\",\"last_seq\":7,\"history\":[{\"seq\":3}]}");
  g_autoptr(JsonNode) read = NULL;
  g_autoptr(JsonNode) changes = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *results;

  none = polku_couch_get_local (c, DB, "polku-profile-" DB, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (polku_couch_put_local (c, DB, "polku-profile-" DB, first, NULL, &error));
  g_assert_no_error (error);
  /* The second write needs the current _rev, which the call fetches itself. */
  g_assert_true (polku_couch_put_local (c, DB, "polku-profile-" DB, second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (member_string (second, "_rev"), ==, "0-99");   /* @doc not changed */

  read = polku_couch_get_local (c, DB, "_local/polku-profile-" DB, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (read), "last_seq"), ==, 7);
  g_assert_cmpstr (member_string (read, "_rev"), ==, "0-2");

  /* _local documents are not in _changes. */
  changes = polku_couch_changes (c, DB, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  results = json_object_get_array_member (json_node_get_object (changes), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    g_assert_false (g_str_has_prefix (json_object_get_string_member (
                                        json_array_get_object_element (results, i), "id"),
                                      "_local"));
}

static void
test_delete_and_purge (void)
{
  g_autoptr(PolkuCouch) c = couch (url, "alice", ALICE_PW, NULL);
  g_autoptr(JsonNode) gone = NULL;
  g_autoptr(JsonNode) conflicted = json (
    "{\"new_edits\":false,\"docs\":["
    "{\"_id\":\"plan-x\",\"_rev\":\"2-aaaa\",\"v\":\"A\",\"_revisions\":{\"start\":2,\"ids\":[\"aaaa\",\"1111\"]}},"
    "{\"_id\":\"plan-x\",\"_rev\":\"2-bbbb\",\"v\":\"B\",\"_revisions\":{\"start\":2,\"ids\":[\"bbbb\",\"1111\"]}}]}");
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = put_doc (c, DB, "{\"_id\":\"plan-d\",\"v\":1}");
  g_autofree char *rev2 = NULL;
  g_autofree char *body = g_strdup_printf ("{\"_id\":\"plan-d\",\"_rev\":\"%s\",\"v\":2}", rev1);
  g_autofree char *newer_body = NULL;
  g_autofree char *rev3 = NULL;

  rev2 = put_doc (c, DB, body);

  /* A stale revision while a newer one lives: CONFLICT, nothing removed. */
  g_assert_false (polku_couch_delete_doc (c, DB, "plan-d", rev1, TRUE, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (polku_couch_delete_doc (c, DB, "plan-d", rev2, TRUE, NULL, &error));
  g_assert_no_error (error);
  gone = polku_couch_get_doc (c, DB, "plan-d", NULL, FALSE, NULL, &error);
  g_assert_null (gone);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Already deleted, or never there: not an error. */
  g_assert_true (polku_couch_delete_doc (c, DB, "plan-d", rev2, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (polku_couch_delete_doc (c, DB, "plan-never", "1-abc", TRUE, NULL, &error));
  g_assert_no_error (error);

  /* A document with a conflicting branch: every live leaf goes. */
  answer = polku_couch_request (c, "POST", DB "/_bulk_docs", NULL, conflicted, NULL, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_true (polku_couch_delete_doc (c, DB, "plan-x", "2-bbbb", FALSE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&gone, json_node_unref);
  gone = polku_couch_get_doc (c, DB, "plan-x", NULL, FALSE, NULL, &error);
  g_assert_null (gone);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Recreated after deletion, then deleted again with its new revision. */
  newer_body = g_strdup ("{\"_id\":\"plan-d\",\"v\":3}");
  rev3 = put_doc (c, DB, newer_body);
  g_assert_true (polku_couch_delete_doc (c, DB, "plan-d", rev3, TRUE, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (polku_couch_delete_doc (c, DB, "plan-d", "", TRUE, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
}

static void
test_revs_diff (void)
{
  g_autoptr(PolkuCouch) c = couch (url, "alice", ALICE_PW, NULL);
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) diff = NULL;
  g_autoptr(JsonNode) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  doc = polku_couch_get_doc (c, DB, "plan-1", NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  text = g_strdup_printf ("{\"plan-1\":[\"%s\",\"2-aaaa\"],\"plan-new\":[\"1-bbbb\"]}",
                          member_string (doc, "_rev"));
  query = json (text);
  diff = polku_couch_revs_diff (c, DB, query, NULL, &error);
  g_assert_no_error (error);
  object = json_node_get_object (diff);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_object_get_object_member (object, "plan-1"), "missing"), 0),
                   ==, "2-aaaa");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (object, "plan-1"), "missing")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_object_get_object_member (object, "plan-new"), "missing"), 0),
                   ==, "1-bbbb");
}

static void
test_no_access (void)
{
  g_autoptr(PolkuCouch) bob = couch (url, "bob", BOB_PW, NULL);
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(JsonNode) own = NULL;
  g_autoptr(GError) error = NULL;

  /* bob's own database works */
  own = polku_couch_changes (bob, OTHER_DB, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  answer = polku_couch_changes (bob, DB, NULL, 0, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NO_ACCESS);
  g_assert_nonnull (strstr (error->message, DB));
  g_assert_nonnull (strstr (error->message, "bob"));
  g_clear_error (&error);

  answer = polku_couch_get_doc (bob, DB, "plan-1", NULL, FALSE, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NO_ACCESS);
  g_clear_error (&error);

  /* PouchDB Server answers 201 with a per-document error: the caller sees it. */
  json_array_add_element (docs, json ("{\"_id\":\"plan-bob\",\"v\":1}"));
  results = polku_couch_bulk_docs (bob, DB, docs, NULL, &error);
  if (results != NULL)
    g_assert_cmpstr (member_string (json_array_get_element (json_node_get_array (results), 0),
                                    "error"), ==, "unauthorized");
  else
    g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NO_ACCESS);
}

typedef struct
{
  const char *mode;
  PolkuCouchError code;
} Fault;

static gpointer
cancel_later (gpointer data)
{
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_faults (void)
{
  static const Fault faults[] = {
    { "{\"mode\":\"status\",\"code\":500}", POLKU_COUCH_ERROR_SERVER },
    { "{\"mode\":\"status\",\"code\":503}", POLKU_COUCH_ERROR_SERVER },
    { "{\"mode\":\"status\",\"code\":409}", POLKU_COUCH_ERROR_CONFLICT },
    { "{\"mode\":\"status\",\"code\":404}", POLKU_COUCH_ERROR_NOT_FOUND },
    { "{\"mode\":\"status\",\"code\":403}", POLKU_COUCH_ERROR_NO_ACCESS },
    { "{\"mode\":\"garbage\"}", POLKU_COUCH_ERROR_MALFORMED },
    { "{\"mode\":\"truncate\"}", POLKU_COUCH_ERROR_MALFORMED },
    { "{\"mode\":\"truncate\",\"keep\":0}", POLKU_COUCH_ERROR_MALFORMED },
    { "{\"mode\":\"cut\",\"bytes\":0}", POLKU_COUCH_ERROR_UNREACHABLE },
    { "{\"mode\":\"cut\",\"bytes\":12}", POLKU_COUCH_ERROR_UNREACHABLE },
    { "{\"mode\":\"cut\",\"bytes\":400}", POLKU_COUCH_ERROR_MALFORMED },
    { "{\"mode\":\"huge\"}", POLKU_COUCH_ERROR_TOO_LARGE },
    { "{\"mode\":\"huge\",\"length\":false,\"size\":100000000}", POLKU_COUCH_ERROR_TOO_LARGE },
    { "{\"mode\":\"slow\",\"delay\":3}", POLKU_COUCH_ERROR_TIMEOUT },
  };
  g_autoptr(PolkuCouch) c = couch (proxy_url, "alice", ALICE_PW, NULL);
  g_autoptr(GError) error = NULL;

  polku_couch_set_timeout (c, 2);
  polku_couch_set_max_answer (c, 4 * 1024 * 1024);
  proxy_mode ("plain", "{\"mode\":\"pass\"}");
  g_assert_true (polku_couch_login (c, NULL, &error));
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(JsonNode) broken = NULL;
      g_autoptr(JsonNode) fine = NULL;

      g_test_message ("fault %s", faults[i].mode);
      proxy_mode ("plain", faults[i].mode);
      broken = polku_couch_changes (c, DB, NULL, 0, NULL, &error);
      g_assert_null (broken);
      g_assert_error (error, POLKU_COUCH_ERROR, (gint) faults[i].code);
      g_assert_nonnull (strstr (error->message, proxy_url));
      g_clear_error (&error);

      /* The next request through a healthy proxy works. */
      proxy_mode ("plain", "{\"mode\":\"pass\"}");
      fine = polku_couch_changes (c, DB, NULL, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (fine);
    }

  /* Cancelled (the window's Stop) while the server is slow: at once, and not a couch
   * error. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(JsonNode) answer = NULL;
    GThread *thread;
    gint64 start = g_get_monotonic_time ();

    proxy_mode ("plain", "{\"mode\":\"slow\",\"delay\":1.5}");
    thread = g_thread_new ("cancel", cancel_later, cancellable);
    answer = polku_couch_changes (c, DB, NULL, 0, cancellable, &error);
    g_thread_join (thread);
    g_assert_null (answer);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (g_get_monotonic_time () - start, <, G_TIME_SPAN_SECOND);
    g_clear_error (&error);
    proxy_mode ("plain", "{\"mode\":\"pass\"}");
  }

  /* Every 3rd request only. */
  proxy_mode ("plain", "{\"mode\":\"status\",\"code\":502,\"every\":3}");
  for (guint i = 1; i <= 6; i++)
    {
      g_autoptr(JsonNode) answer = polku_couch_changes (c, DB, NULL, 1, NULL, &error);

      if (i % 3 == 0)
        {
          g_assert_null (answer);
          g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_SERVER);
          g_clear_error (&error);
        }
      else
        g_assert_no_error (error);
    }
  proxy_mode ("plain", "{\"mode\":\"pass\"}");
}

static void
test_tls (void)
{
  g_autoptr(PolkuCouch) untrusted = couch (tls_url, "alice", ALICE_PW, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bare = g_string_new (NULL);
  g_autoptr(PolkuCouch) pinned = NULL;
  g_autoptr(PolkuCouch) other_pin = NULL;
  g_autoptr(PolkuCouch) not_tls = NULL;
  g_autoptr(PolkuCouch) plain = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *seen_pinned = NULL;
  g_autofree char *plain_as_tls = NULL;

  proxy_mode ("tls", "{\"mode\":\"pass\"}");

  /* Not trusted by the system: refused, and the message shows the fingerprint. */
  g_assert_false (polku_couch_login (untrusted, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, tls_fingerprint));
  g_clear_error (&error);
  answer = polku_couch_changes (untrusted, DB, NULL, 0, NULL, &error);
  g_assert_null (answer);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS);
  g_clear_error (&error);

  seen = polku_couch_dup_peer_fingerprint (untrusted, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen, ==, tls_fingerprint);

  /* Pinned (pasted in lowercase without colons): accepted although self-signed. */
  for (const char *p = tls_fingerprint; *p != '\0'; p++)
    if (*p != ':')
      g_string_append_c (bare, g_ascii_tolower (*p));
  pinned = couch (tls_url, "alice", ALICE_PW, bare->str);
  g_assert_true (polku_couch_login (pinned, NULL, &error));
  g_assert_no_error (error);
  answer = polku_couch_changes (pinned, DB, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  seen_pinned = polku_couch_dup_peer_fingerprint (pinned, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen_pinned, ==, tls_fingerprint);

  /* Another certificate's fingerprint pinned: still refused. */
  other_pin = couch (tls_url, "alice", ALICE_PW,
                     "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                     "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");
  g_assert_false (polku_couch_login (other_pin, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, tls_fingerprint));
  g_clear_error (&error);

  /* https:// to a plain-HTTP port. */
  plain_as_tls = g_strconcat ("https", proxy_url + strlen ("http"), NULL);
  not_tls = couch (plain_as_tls, "alice", ALICE_PW, NULL);
  g_assert_false (polku_couch_login (not_tls, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS);
  g_clear_error (&error);

  /* No certificate over http://. */
  plain = couch (proxy_url, "alice", ALICE_PW, NULL);
  g_assert_null (polku_couch_dup_peer_fingerprint (plain, NULL, &error));
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID);
}

static void
test_restart (void)
{
  g_autoptr(PolkuCouch) c = couch (url, "alice", ALICE_PW, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) down = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autofree char *rev = put_doc (c, DB, "{\"_id\":\"plan-kept\",\"v\":\"survives\"}");

  polku_couch_set_timeout (c, 5);

  /* A crash: unreachable while down; afterwards the data is there (LevelDB on disk) and
   * the old cookie is no longer good, so the client logs in again by itself. */
  control ("POST", "/server/kill", NULL);
  down = polku_couch_get_doc (c, DB, "plan-kept", NULL, FALSE, NULL, &error);
  g_assert_null (down);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, url));
  g_clear_error (&error);

  control ("POST", "/server/restart", NULL);
  back = polku_couch_get_doc (c, DB, "plan-kept", NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member_string (back, "_rev"), ==, rev);
  g_assert_cmpstr (member_string (back, "v"), ==, "survives");

  /* Stopped (SIGTERM) the same way. */
  control ("POST", "/server/stop", NULL);
  g_clear_pointer (&down, json_node_unref);
  down = polku_couch_changes (c, DB, NULL, 0, NULL, &error);
  g_assert_null (down);
  g_assert_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNREACHABLE);
  g_clear_error (&error);
  control ("POST", "/server/restart", NULL);
  g_clear_pointer (&back, json_node_unref);
  back = polku_couch_changes (c, DB, NULL, 0, NULL, &error);
  g_assert_no_error (error);
}

static void
test_no_secrets_logged (void)
{
  g_mutex_lock (&log_lock);
  g_assert_null (strstr (log_text->str, ALICE_PW));
  g_assert_null (strstr (log_text->str, BOB_PW));
  g_assert_null (strstr (log_text->str, admin_password));
  g_assert_null (strstr (log_text->str, "AuthSession"));
  g_assert_null (strstr (log_text->str, "polku.shared-plan"));   /* no document bodies */
  /* … but the client did log its requests. */
  g_assert_nonnull (strstr (log_text->str, "/_changes"));
  g_mutex_unlock (&log_lock);
}

static const char *
need (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    {
      g_printerr ("%s is not set: run this test through tests/sync/with-pouch.py --proxies "
                  "(meson test does), after tools/setup.sh has installed PouchDB Server.\n",
                  name);
      exit (1);
    }
  return value;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  url = need ("POLKU_TEST_COUCH_URL");
  admin = need ("POLKU_TEST_COUCH_ADMIN");
  admin_password = need ("POLKU_TEST_COUCH_PASSWORD");
  proxy_url = need ("POLKU_TEST_PROXY_URL");
  tls_url = need ("POLKU_TEST_TLS_PROXY_URL");
  tls_fingerprint = need ("POLKU_TEST_TLS_FINGERPRINT");
  control_url = need ("POLKU_TEST_CONTROL_URL");

  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);

  g_test_add_func ("/couch/invalid", test_invalid);
  g_test_add_func ("/couch/setup", test_setup);
  g_test_add_func ("/couch/login", test_login);
  g_test_add_func ("/couch/bulk-and-changes", test_bulk_and_changes);
  g_test_add_func ("/couch/conflicts-and-open-revs", test_conflicts_and_open_revs);
  g_test_add_func ("/couch/local", test_local);
  g_test_add_func ("/couch/delete-and-purge", test_delete_and_purge);
  g_test_add_func ("/couch/revs-diff", test_revs_diff);
  g_test_add_func ("/couch/no-access", test_no_access);
  g_test_add_func ("/couch/faults", test_faults);
  g_test_add_func ("/couch/tls", test_tls);
  g_test_add_func ("/couch/restart", test_restart);
  g_test_add_func ("/couch/no-secrets-logged", test_no_secrets_logged);
  return g_test_run ();
}
