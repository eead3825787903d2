/* bench-store.c: the store's side of the county benchmark (tests/bench/bench-county.py)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice: `bench-store` on the shipped core (SQLCipher, encrypted), and
 * `bench-store-plain` on a second build of the same core sources linked with plain SQLite
 * and compiled with POLKU_BENCH_PLAIN_SQLITE, which leaves out the key and the guard against
 * the plaintext trap (tests/bench/meson.build). Only this benchmark links it; no program
 * that is shipped ever does. Each build checks which one it is from the file it wrote.
 *
 *   bench-store cache-key                 what a generated profile is cached by
 *   bench-store make DIR CLIENTS SEED     demo data into DIR/polku.db (progress on stderr)
 *   bench-store info DIR                  how many clients, contacts, … DIR holds
 *   bench-store verify DIR                audit verification of DIR/polku.db
 *   bench-store reads DIR HETU            each read of a client's page on its own
 *   bench-store workload CLIENTS SEED     build, open, list, search, a client's page, a plan
 *                                         save and audit verify in a new database
 *
 * Results are lines "figure NAME VALUE UNIT" on stdout for the driver to compare; nothing
 * here passes or fails on time.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-client-store.h"
#include "polku-consent-store.h"
#include "polku-contact-store.h"
#include "polku-coordinator-store.h"
#include "polku-demo.h"
#include "polku-followup-store.h"
#include "polku-plan-context.h"
#include "polku-plan-store.h"
#include "polku-store-private.h"
#include "polku-store.h"
#include "polku-team-store.h"

#include "bench-common.h"

/* Clients whose pages are opened and plans saved in the workload. */
#define N_SAMPLE 20

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_unref_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
bench_unref_array (GPtrArray *array)
{
  if (array != NULL)
    g_ptr_array_unref (array);
}

static void
bench_unref_node (JsonNode *node)
{
  if (node != NULL)
    json_node_unref (node);
}

static PolkuStore *
open_store (const char *dir,
            gboolean    create)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "polku.db", NULL);
  PolkuStore *store = polku_store_open (path, POLKU_KEY_RAW, BENCH_KEY, create, &error);

  if (store == NULL)
    g_error ("Could not open the benchmark database: %s", error->message);
  return store;
}

/* The file must be what this build claims: plaintext SQLite from the plain build, random
 * bytes from the shipped one. */
static void
check_build (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "polku.db", NULL);
  FILE *file = fopen (path, "rb");
  char bytes[16];
  gboolean plain;

  if (file == NULL || fread (bytes, 1, sizeof bytes, file) != sizeof bytes)
    g_error ("Could not read the benchmark database back");
  fclose (file);
  plain = memcmp (bytes, "SQLite format 3", 16) == 0;
#ifdef POLKU_BENCH_PLAIN_SQLITE
  if (!plain)
    g_error ("The plain-SQLite benchmark build wrote an encrypted file");
#else
  if (plain)
    g_error ("The SQLCipher benchmark build wrote a plaintext file");
#endif
}

static void
figure (const char *name,
        double      value,
        const char *unit)
{
  printf ("figure %s %.4f %s\n", name, value, unit);
  fflush (stdout);
}

static void
progress (guint    n_done,
          guint    n_total,
          gpointer user_data)
{
  gint64 *start = user_data;

  fprintf (stderr, "bench-store: %u of %u clients (%.0f s)\n", n_done, n_total,
           ms_since (*start) / 1000);
}

static void
populate (PolkuStore *store,
          guint       n_clients,
          guint32     seed,
          gboolean    show_progress)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!polku_demo_populate_with_progress (store, n_clients, seed,
                                          show_progress ? progress : NULL, &start, &error))
    g_error ("Could not make the demo data: %s", error->message);
}

/* What the client's page and its tabs read (polku-client-page.c and the views' load
 * functions): the view's audit entry, the case, the plan, the measures, the contacts and
 * the log. */
static void
read_page (PolkuStore *store,
           const char *client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(JsonNode) draft = NULL;
  PolkuPlanContext *context = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *plan_date = NULL;
  GPtrArray *lists[11] = { NULL };
  guint n = 0;

  if (!polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, client_id, NULL, &error))
    g_error ("%s", error->message);
  client = polku_client_store_get (store, client_id, &error);
  g_assert_no_error (error);
  kase = polku_case_store_get (store, client_id, NULL);
  lists[n++] = polku_case_store_list_phases (store, client_id, NULL);
  lists[n++] = polku_case_store_list_signs (store, client_id, TRUE, NULL);
  lists[n++] = polku_case_store_list_notes (store, client_id, NULL);
  lists[n++] = polku_consent_store_list (store, client_id, NULL);
  lists[n++] = polku_coordinator_store_list_history (store, client_id, NULL);
  lists[n++] = polku_followup_store_list (store, client_id, TRUE, NULL);
  lists[n++] = polku_team_store_list (store, client_id, TRUE, NULL);
  plan = polku_plan_store_load (store, client_id, NULL, NULL);
  draft = polku_plan_store_load_draft (store, client_id, NULL, NULL);
  context = polku_plan_context_read (store, client_id, NULL);
  g_clear_pointer (&context, polku_plan_context_free);
  polku_assessment_store_find_plan (store, client_id, &plan_id, &plan_date, NULL);
  lists[n++] = polku_assessment_store_list (store, client_id, NULL, FALSE, NULL);
  lists[n++] = polku_contact_store_list (store, client_id, NULL, NULL, NULL);
  lists[n++] = polku_audit_list (store, client_id, NULL);
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&lists[i], g_ptr_array_unref);
}

static gboolean
save_plan (PolkuStore *store,
           const char *client_id,
           guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *view = NULL;
  JsonObject *object;
  gint64 version = 0;

  document = polku_plan_store_load (store, client_id, &version, NULL);
  if (document == NULL)
    return FALSE;
  object = json_node_get_object (document);
  view = g_strdup_printf ("%s (%u)", json_object_get_string_member_with_default (
                            object, "client_view", ""), round);
  json_object_set_string_member (object, "client_view", view);
  if (!polku_plan_store_save (store, client_id, document, version, POLKU_PLAN_ORIGIN_EDIT,
                              NULL, &error))
    g_error ("Could not save the plan: %s", error->message);
  return TRUE;
}

static void
find_plan (PolkuStore *store,
           const char *client_id)
{
  g_autofree char *plan_id = NULL;
  g_autofree char *plan_date = NULL;

  polku_assessment_store_find_plan (store, client_id, &plan_id, &plan_date, NULL);
}

/* Each read of read_page () on its own, for the client with @hetu: where a page's time
 * goes ("reads DIR HETU"). */
static int
cmd_reads (const char *dir,
           const char *hetu)
{
  g_autoptr(PolkuStore) store = open_store (dir, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = polku_client_store_list (store, TRUE, &error);
  const char *id = NULL;
  gint64 start;

  g_assert_no_error (error);
  for (guint i = 0; i < clients->len && id == NULL; i++)
    if (g_strcmp0 (polku_client_get_hetu (g_ptr_array_index (clients, i)), hetu) == 0)
      id = polku_client_get_id (g_ptr_array_index (clients, i));
  if (id == NULL)
    g_error ("No client has that identity code");

#define TIME(name, call) \
  G_STMT_START { \
    start = g_get_monotonic_time (); \
    for (guint round = 0; round < 5; round++) \
      { call; } \
    figure ("read-" name, ms_since (start) / 5, "ms"); \
  } G_STMT_END
  TIME ("audit-record", polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, id, NULL, NULL));
  TIME ("client", bench_unref_object (polku_client_store_get (store, id, NULL)));
  TIME ("case", bench_unref_object (polku_case_store_get (store, id, NULL)));
  TIME ("phases", bench_unref_array (polku_case_store_list_phases (store, id, NULL)));
  TIME ("signs", bench_unref_array (polku_case_store_list_signs (store, id, TRUE, NULL)));
  TIME ("notes", bench_unref_array (polku_case_store_list_notes (store, id, NULL)));
  TIME ("consents", bench_unref_array (polku_consent_store_list (store, id, NULL)));
  TIME ("coordinators",
        bench_unref_array (polku_coordinator_store_list_history (store, id, NULL)));
  TIME ("followups", bench_unref_array (polku_followup_store_list (store, id, TRUE, NULL)));
  TIME ("team", bench_unref_array (polku_team_store_list (store, id, TRUE, NULL)));
  TIME ("plan", bench_unref_node (polku_plan_store_load (store, id, NULL, NULL)));
  TIME ("plan-draft", bench_unref_node (polku_plan_store_load_draft (store, id, NULL, NULL)));
  TIME ("plan-context", polku_plan_context_free (polku_plan_context_read (store, id, NULL)));
  TIME ("find-plan", find_plan (store, id));
  TIME ("assessments",
        bench_unref_array (polku_assessment_store_list (store, id, NULL, FALSE, NULL)));
  TIME ("assessment-draft",
        bench_unref_object (polku_assessment_store_get_draft (store, id, "whoqol-bref", NULL)));
  TIME ("contacts",
        bench_unref_array (polku_contact_store_list (store, id, NULL, NULL, NULL)));
  TIME ("audit-list", bench_unref_array (polku_audit_list (store, id, NULL)));
#undef TIME
  return 0;
}

static double
verify_per_1000 (PolkuStore *store,
                 gint64     *out_entries)
{
  g_autoptr(GError) error = NULL;
  PolkuAuditVerification result = { 0 };
  gint64 start = g_get_monotonic_time ();
  double ms;

  if (!polku_audit_verify_full (store, &result, &error))
    g_error ("Audit verification failed: %s", error->message);
  ms = ms_since (start);
  *out_entries = result.n_entries;
  return ms * 1000 / MAX (result.n_entries, 1);
}

static int
cmd_workload (guint   n_clients,
              guint32 seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("polku-bench-store-XXXXXX", &error);
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) sample = g_ptr_array_new_with_free_func (g_free);
  static const char * const queries[] = { "v", "vi", "vir", "virt", "kor", "lind", "040",
                                          "seinä", "anna", NULL };
  double list_ms = G_MAXDOUBLE;
  gint64 start;
  gint64 n_entries = 0;
  guint hits = 0;
  guint saved = 0;

  g_assert_no_error (error);
  store = open_store (dir, TRUE);
  start = g_get_monotonic_time ();
  populate (store, n_clients, seed, FALSE);
  figure ("build", ms_since (start) / n_clients, "ms/client");
  polku_store_close (store);
  g_clear_object (&store);
  check_build (dir);

  start = g_get_monotonic_time ();
  store = open_store (dir, FALSE);
  figure ("open", ms_since (start), "ms");

  /* The best of five: the list is what the window reads at every start. */
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GPtrArray) listed = NULL;

      start = g_get_monotonic_time ();
      listed = polku_client_store_list (store, TRUE, &error);
      g_assert_no_error (error);
      list_ms = MIN (list_ms, ms_since (start));
      if (clients == NULL)
        clients = g_steal_pointer (&listed);
    }
  figure ("list", list_ms, "ms");

  start = g_get_monotonic_time ();
  for (guint q = 0; queries[q] != NULL; q++)
    for (guint i = 0; i < clients->len; i++)
      hits += polku_client_matches (g_ptr_array_index (clients, i), queries[q]);
  figure ("search", ms_since (start) / g_strv_length ((char **) queries), "ms/query");
  g_assert_cmpuint (hits, >, 0);

  for (guint i = 0; i < clients->len && sample->len < N_SAMPLE; i += MAX (clients->len / N_SAMPLE, 1))
    g_ptr_array_add (sample, g_strdup (polku_client_get_id (g_ptr_array_index (clients, i))));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < sample->len; i++)
    read_page (store, g_ptr_array_index (sample, i));
  figure ("page", ms_since (start) / sample->len, "ms/page");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < sample->len; i++)
    saved += save_plan (store, g_ptr_array_index (sample, i), 1);
  g_assert_cmpuint (saved, >, 0);
  figure ("plan-save", ms_since (start) / saved, "ms/save");

  figure ("verify", verify_per_1000 (store, &n_entries), "ms/1000");

  polku_store_close (store);
  bench_remove_tree (dir);
  return 0;
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s;", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static int
cmd_info (const char *dir)
{
  static const char * const tables[] = {
    "client", "contact", "assessment", "plan", "plan_version", "audit_entry", NULL
  };
  g_autoptr(PolkuStore) store = open_store (dir, FALSE);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = polku_store_begin_use (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; tables[i] != NULL; i++)
    printf ("info %s %" G_GINT64_FORMAT "\n", tables[i], count_rows (db, tables[i]));
  polku_store_end_use (store);
  return 0;
}

static gboolean
parse_number (const char *text,
              guint64     max,
              guint64    *out)
{
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

int
main (int    argc,
      char **argv)
{
  guint64 n_clients = 0;
  guint64 seed = 0;

  if (argc == 2 && g_str_equal (argv[1], "cache-key"))
    {
      /* Not the schema: a profile of an older one is migrated when it is opened, as a
       * user's is. */
      printf ("demo%d\n", POLKU_DEMO_VERSION);
      return 0;
    }
  if (argc == 5 && g_str_equal (argv[1], "make")
      && parse_number (argv[3], POLKU_DEMO_MAX_CLIENTS, &n_clients)
      && parse_number (argv[4], G_MAXUINT32, &seed))
    {
      g_autoptr(PolkuStore) store = NULL;

      if (g_mkdir_with_parents (argv[2], 0700) != 0)
        g_error ("Could not make %s", argv[2]);
      store = open_store (argv[2], TRUE);
      populate (store, n_clients, seed, TRUE);
      polku_store_close (store);
      check_build (argv[2]);
      return 0;
    }
  if (argc == 4 && g_str_equal (argv[1], "reads"))
    return cmd_reads (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "info"))
    return cmd_info (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "verify"))
    {
      g_autoptr(PolkuStore) store = open_store (argv[2], FALSE);
      gint64 n_entries = 0;
      gint64 start = g_get_monotonic_time ();
      double per_1000;

      /* Where the time goes: the file's integrity check alone (part of every verification),
       * then the whole verification. */
      if (!polku_store_check_integrity (store, NULL))
        g_error ("The benchmark database is damaged");
      printf ("info integrity-ms %.1f\n", ms_since (start));
      per_1000 = verify_per_1000 (store, &n_entries);

      printf ("info audit_entries %" G_GINT64_FORMAT "\n", n_entries);
      figure ("verify", per_1000, "ms/1000");
      return 0;
    }
  if (argc == 4 && g_str_equal (argv[1], "workload")
      && parse_number (argv[2], POLKU_DEMO_MAX_CLIENTS, &n_clients) && n_clients > 0
      && parse_number (argv[3], G_MAXUINT32, &seed))
    return cmd_workload (n_clients, seed);

  fprintf (stderr, "Usage: %s cache-key | make DIR CLIENTS SEED | info DIR | verify DIR | "
           "reads DIR HETU | workload CLIENTS SEED\n", argv[0]);
  return 2;
}
