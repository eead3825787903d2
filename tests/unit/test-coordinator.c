/* test-coordinator.c: the coordinator of a case: one at a time with history (the store's rules
 * and the schema's), the caseload and the queue, the period ending when the case closes
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-coordinator-store.h"
#include "polku-followup-store.h"

static guint
count_audit (Fixture    *f,
             const char *client,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, client, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action))
      n++;
  return n;
}

static void
open_case (Fixture    *f,
           const char *client,
           const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = polku_case_store_open (f->store, client, date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);
}

static void
set (Fixture    *f,
     const char *client,
     const char *person,
     const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCoordinatorPeriod) period =
    polku_coordinator_store_set (f->store, client, person, date, &error);
  g_autofree char *name = g_strstrip (g_strdup (person));

  g_assert_no_error (error);
  g_assert_cmpstr (polku_coordinator_period_get_person (period), ==, name);
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCoordinatorPeriod) period = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *d70 = days_from_today (-70);
  g_autofree char *d60 = days_from_today (-60);
  g_autofree char *d50 = days_from_today (-50);
  g_autofree char *d45 = days_from_today (-45);
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *d20 = days_from_today (-20);
  g_autofree char *tomorrow = days_from_today (1);
  const char *id = client_id (f);

  /* No case yet: nothing to coordinate, and nothing is written. */
  period = polku_coordinator_store_set (f->store, id, "Sanna Koivisto", NULL, &error);
  g_assert_null (period);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  period = polku_coordinator_store_set (f->store, "00000000-0000-4000-8000-000000000000",
                                        "Sanna Koivisto", NULL, &error);
  g_assert_null (period);
  g_assert_nonnull (error);
  g_clear_error (&error);

  open_case (f, id, d60);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_null (polku_case_get_coordinator (kase));
  g_clear_object (&kase);

  /* Bad input: no name, a date before the case, in the future, not a date. */
  period = polku_coordinator_store_set (f->store, id, "  ", NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  period = polku_coordinator_store_set (f->store, id, "Sanna Koivisto", d70, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  period = polku_coordinator_store_set (f->store, id, "Sanna Koivisto", tomorrow, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  period = polku_coordinator_store_set (f->store, id, "Sanna Koivisto", "1.2.2026", &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f, id, "case.coordinator"), ==, 0);

  set (f, id, " Sanna Koivisto ", d50);
  kase = polku_case_store_get (f->store, id, &error);
  g_assert_cmpstr (polku_case_get_coordinator (kase), ==, "Sanna Koivisto");
  g_assert_cmpstr (polku_case_get_coordinator_since (kase), ==, d50);
  g_clear_object (&kase);

  /* The same person again, and a change dated before the current period began. */
  period = polku_coordinator_store_set (f->store, id, "Sanna Koivisto", NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  period = polku_coordinator_store_set (f->store, id, "Minna Rautio", d60, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Another coordinator ends the first one's period on the same day, in the same change. */
  set (f, id, "Minna Rautio", d30);
  period = polku_coordinator_store_get_current (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_coordinator_period_get_person (period), ==, "Minna Rautio");
  g_assert_cmpstr (polku_coordinator_period_get_set_by (period), ==, "Sanna Koivisto");
  g_clear_object (&period);

  history = polku_coordinator_store_list_history (f->store, id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (polku_coordinator_period_get_person (g_ptr_array_index (history, 0)), ==,
                   "Sanna Koivisto");
  g_assert_cmpstr (polku_coordinator_period_get_started_on (g_ptr_array_index (history, 0)), ==,
                   d50);
  g_assert_cmpstr (polku_coordinator_period_get_ended_on (g_ptr_array_index (history, 0)), ==,
                   d30);
  g_assert_null (polku_coordinator_period_get_ended_on (g_ptr_array_index (history, 1)));
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Ended without a successor: the client goes back to the queue. */
  period = polku_coordinator_store_end (f->store, id, d45, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);
  period = polku_coordinator_store_end (f->store, id, d20, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_coordinator_period_get_ended_on (period), ==, d20);
  g_clear_object (&period);
  period = polku_coordinator_store_get_current (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_null (period);
  period = polku_coordinator_store_end (f->store, id, NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);

  /* The same person again after the end is a new period. */
  set (f, id, "Sanna Koivisto", NULL);
  history = polku_coordinator_store_list_history (f->store, id, &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A closed case takes no coordinator (closing ended Sanna's period: its own entry). */
  kase = polku_case_store_set_phase (f->store, id, POLKU_CASE_PHASE_CLOSED, NULL, "moved_away",
                                     NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  period = polku_coordinator_store_set (f->store, id, "Minna Rautio", NULL, &error);
  g_assert_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (count_audit (f, id, "case.coordinator"), ==, 5);
}

/* The newest entry of @action for @client: its detail. */
static char *
last_detail (Fixture    *f,
             const char *client,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, client, &error);
  const char *detail = NULL;

  g_assert_no_error (error);
  /* Newest first. */
  for (guint i = 0; detail == NULL && i < entries->len; i++)
    if (g_str_equal (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action))
      detail = polku_audit_entry_get_detail (g_ptr_array_index (entries, i));
  return g_strdup (detail);
}

/* Closing a case ends its coordinator's period in the same change, so the case leaves the
 * caseload; reopening names no one again: the client waits in the queue. */
static void
test_closing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuClient) cecilia = add_client (f->store, "Cecilia", "Åberg");
  g_autoptr(PolkuCoordinatorPeriod) period = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_auto(GStrv) coordinators = NULL;
  g_autofree char *d60 = days_from_today (-60);
  g_autofree char *d50 = days_from_today (-50);
  g_autofree char *d40 = days_from_today (-40);
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *d20 = days_from_today (-20);
  g_autofree char *d10 = days_from_today (-10);
  g_autofree char *expected = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *stale = NULL;
  const char *id = client_id (f);
  sqlite3 *db;

  open_case (f, id, d60);
  set (f, id, "Sanna Koivisto", d50);
  period = polku_coordinator_store_get_current (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Sanna Koivisto", &error),
                   ==, 1);

  /* Closed on d20: Sanna's period ends that day, with its own entry naming the period. */
  kase = polku_case_store_set_phase (f->store, id, POLKU_CASE_PHASE_CLOSED, d20,
                                     "goals_reached", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (polku_case_get_coordinator (kase));
  g_clear_object (&kase);
  history = polku_coordinator_store_list_history (f->store, id, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (polku_coordinator_period_get_ended_on (g_ptr_array_index (history, 0)), ==,
                   d20);
  g_clear_pointer (&history, g_ptr_array_unref);
  expected = g_strdup_printf ("ended=%s phase=closed", polku_coordinator_period_get_id (period));
  detail = last_detail (f, id, "case.coordinator");
  g_assert_cmpstr (detail, ==, expected);
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Sanna Koivisto", &error),
                   ==, 0);
  coordinators = polku_coordinator_store_list_coordinators (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (coordinators), ==, 0);

  /* Reopened on d10: no coordinator comes back; the client waits in the queue since the
   * period ended. Nothing else is written about the coordinator. */
  kase = polku_case_store_set_phase (f->store, id, POLKU_CASE_PHASE_IDENTIFIED, d10, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_null (polku_case_get_coordinator (kase));
  g_clear_object (&kase);
  g_assert_cmpuint (count_audit (f, id, "case.coordinator"), ==, 2);
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Sanna Koivisto", &error),
                   ==, 0);
  queue = polku_coordinator_store_list_queue (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  g_assert_cmpstr (polku_coordinator_waiting_get_client_id (g_ptr_array_index (queue, 0)), ==,
                   id);
  g_assert_cmpstr (polku_coordinator_waiting_get_waiting_since (g_ptr_array_index (queue, 0)),
                   ==, d20);
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* A closing dated before the coordinator started ends the period on its first day (the
   * schema wants no end before the start). */
  open_case (f, polku_client_get_id (bo), d60);
  set (f, polku_client_get_id (bo), "Minna Rautio", d30);
  kase = polku_case_store_set_phase (f->store, polku_client_get_id (bo), POLKU_CASE_PHASE_CLOSED,
                                     d40, "moved_away", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  history = polku_coordinator_store_list_history (f->store, polku_client_get_id (bo), &error);
  g_assert_cmpstr (polku_coordinator_period_get_ended_on (g_ptr_array_index (history, 0)), ==,
                   d30);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A case closed before this rule may still hold a period: reopening ends it on the day of
   * reopening (audited), rather than giving the case back to its old coordinator unasked. */
  open_case (f, polku_client_get_id (cecilia), d60);
  kase = polku_case_store_set_phase (f->store, polku_client_get_id (cecilia),
                                     POLKU_CASE_PHASE_CLOSED, d40, "moved_away", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  stale = g_strdup_printf ("INSERT INTO coordinator_period (id, created, modified, client_id,"
                           " person, started_on, set_by) VALUES"
                           " ('00000000-0000-4000-8000-000000000003', 'x', 'x', '%s',"
                           " 'Minna Rautio', '%s', 'x');", polku_client_get_id (cecilia), d50);
  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, stale, NULL, NULL, NULL), ==, SQLITE_OK);
  polku_store_end_use (f->store);
  kase = polku_case_store_set_phase (f->store, polku_client_get_id (cecilia),
                                     POLKU_CASE_PHASE_IDENTIFIED, d10, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (polku_case_get_coordinator (kase));
  g_clear_object (&kase);
  history = polku_coordinator_store_list_history (f->store, polku_client_get_id (cecilia),
                                                  &error);
  g_assert_cmpstr (polku_coordinator_period_get_ended_on (g_ptr_array_index (history, 0)), ==,
                   d10);
  g_clear_pointer (&detail, g_free);
  detail = last_detail (f, polku_client_get_id (cecilia), "case.coordinator");
  g_assert_cmpstr (detail, ==, "ended=00000000-0000-4000-8000-000000000003 phase=identified");
}

/* One open period per client, whatever the code does; the history cannot be rewritten. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  sqlite3 *db;

  open_case (f, client_id (f), NULL);
  open_case (f, polku_client_get_id (bo), NULL);
  set (f, client_id (f), "Sanna Koivisto", NULL);

  second = g_strdup_printf ("INSERT INTO coordinator_period (id, created, modified, client_id,"
                            " person, started_on, set_by) VALUES"
                            " ('00000000-0000-4000-8000-000000000001', 'x', 'x', '%s',"
                            " 'Minna Rautio', '2026-01-01', 'x');", client_id (f));
  other = g_strdup_printf ("INSERT INTO coordinator_period (id, created, modified, client_id,"
                           " person, started_on, set_by) VALUES"
                           " ('00000000-0000-4000-8000-000000000002', 'x', 'x', '%s',"
                           " 'Sanna Koivisto', '2026-01-01', 'x');",
                           polku_client_get_id (bo));

  db = polku_store_begin_use (f->store, &error);
  /* A second open period: the partial unique index refuses it. */
  g_assert_cmpint (sqlite3_exec (db, second, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_UNIQUE);
  /* Periods are ended, once, and never rewritten or deleted. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE coordinator_period SET person = 'Someone';", NULL,
                                 NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE coordinator_period SET ended_on = '2000-01-01';",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM coordinator_period;", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  /* The same person may coordinate another client at the same time. */
  g_assert_cmpint (sqlite3_exec (db, other, NULL, NULL, NULL), ==, SQLITE_OK);
  polku_store_end_use (f->store);

  history = polku_coordinator_store_list_history (f->store, client_id (f), &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Sanna Koivisto", &error),
                   ==, 2);
}

/* Whether the plan of @sql uses @index (and so does not read every row of its table). */
static gboolean
uses_index (Fixture    *f,
            const char *sql,
            const char *index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = polku_store_begin_use (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "Sanna Koivisto", -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  polku_store_end_use (f->store);
  return strstr (plan->str, index) != NULL;
}

static void
test_caseload_queue (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuClient) cecilia = add_client (f->store, "Cecilia", "Åberg");
  g_autoptr(PolkuClient) dmitri = add_client (f->store, "Dmitri", "Ivanov");
  g_autoptr(PolkuClient) eeva = add_client (f->store, "Eeva", "Nieminen");
  g_autoptr(PolkuClient) frans = add_client (f->store, "Frans", "Holm");
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PolkuCoordinatorPeriod) ended = NULL;
  g_auto(GStrv) coordinators = NULL;
  g_autofree char *d90 = days_from_today (-90);
  g_autofree char *d40 = days_from_today (-40);
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *d10 = days_from_today (-10);
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  PolkuCoordinatorWaiting *waiting;

  /* Aino: Sanna's. Bo: Sanna's, closed. Cecilia: Minna's. Dmitri: waiting since d40.
   * Eeva: identified d90, had Minna until d10, waiting again. Frans: no case at all. */
  open_case (f, client_id (f), d90);
  set (f, client_id (f), "Sanna Koivisto", d90);
  open_case (f, polku_client_get_id (bo), d90);
  set (f, polku_client_get_id (bo), "Sanna Koivisto", d90);
  kase = polku_case_store_set_phase (f->store, polku_client_get_id (bo), POLKU_CASE_PHASE_CLOSED,
                                     d30, "goals_reached", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  open_case (f, polku_client_get_id (cecilia), d90);
  set (f, polku_client_get_id (cecilia), "Minna Rautio", d90);
  open_case (f, polku_client_get_id (dmitri), d40);
  open_case (f, polku_client_get_id (eeva), d90);
  set (f, polku_client_get_id (eeva), "Minna Rautio", d90);
  ended = polku_coordinator_store_end (f->store, polku_client_get_id (eeva), d10, &error);
  g_assert_no_error (error);
  (void) frans;

  /* The caseload: open cases only. */
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Sanna Koivisto", &error),
                   ==, 1);
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Minna Rautio", &error),
                   ==, 1);
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Someone Else", &error),
                   ==, 0);
  g_assert_no_error (error);
  filter.coordinator = "Minna Rautio";
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_case_get_client_id (g_ptr_array_index (list, 0)), ==,
                   polku_client_get_id (cecilia));
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Bo's case is closed: out of the caseload, though Sanna's period stays in its history. */
  filter.coordinator = "Sanna Koivisto";
  list = polku_case_store_list (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_case_get_client_id (g_ptr_array_index (list, 0)), ==, client_id (f));
  g_clear_pointer (&list, g_ptr_array_unref);

  coordinators = polku_coordinator_store_list_coordinators (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (coordinators), ==, 2);
  g_assert_cmpstr (coordinators[0], ==, "Minna Rautio");
  g_assert_cmpstr (coordinators[1], ==, "Sanna Koivisto");

  /* The queue: open cases without a coordinator, the earliest identified first. */
  queue = polku_coordinator_store_list_queue (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 2);
  waiting = g_ptr_array_index (queue, 0);
  g_assert_cmpstr (polku_coordinator_waiting_get_client_id (waiting), ==,
                   polku_client_get_id (eeva));
  g_assert_cmpstr (polku_coordinator_waiting_get_identified_on (waiting), ==, d90);
  g_assert_cmpstr (polku_coordinator_waiting_get_waiting_since (waiting), ==, d10);
  g_assert_cmpuint (polku_coordinator_waiting_get_days_waiting (waiting), ==, 10);
  g_assert_cmpstr (polku_coordinator_waiting_get_phase (waiting), ==, "identified");
  waiting = g_ptr_array_index (queue, 1);
  g_assert_cmpstr (polku_coordinator_waiting_get_client_id (waiting), ==,
                   polku_client_get_id (dmitri));
  g_assert_cmpstr (polku_coordinator_waiting_get_given_name (waiting), ==, "Dmitri");
  g_assert_cmpuint (polku_coordinator_waiting_get_days_waiting (waiting), ==, 40);
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* Taken: out of the queue, into the caseload. Archived: out of both. */
  set (f, polku_client_get_id (dmitri), "Sanna Koivisto", NULL);
  /* Sanna coordinates two cases now: her name once. */
  g_clear_pointer (&coordinators, g_strfreev);
  coordinators = polku_coordinator_store_list_coordinators (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (coordinators), ==, 2);
  g_assert_cmpstr (coordinators[0], ==, "Minna Rautio");
  g_assert_cmpstr (coordinators[1], ==, "Sanna Koivisto");
  g_assert_true (polku_client_store_set_archived (f->store, eeva, TRUE, &error));
  queue = polku_coordinator_store_list_queue (f->store, &error);
  g_assert_cmpuint (queue->len, ==, 0);
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Sanna Koivisto", &error),
                   ==, 2);
  g_assert_true (polku_client_store_set_archived (f->store, dmitri, TRUE, &error));
  g_assert_cmpint (polku_coordinator_store_count_caseload (f->store, "Sanna Koivisto", &error),
                   ==, 1);

  /* The caseload is read through the index of open periods by person. */
  g_assert_true (uses_index (f, "SELECT count (*) FROM coordinator_period p"
                                " JOIN client_case c ON c.client_id = p.client_id"
                                " JOIN client k ON k.id = p.client_id"
                                " WHERE p.person = ?1 AND p.ended_on IS NULL"
                                " AND c.phase <> 'closed' AND k.archived = 0",
                             "coordinator_period_person"));
}

/* The window's reads across clients, made in a thread while another holds the store's
 * lock in a write. */
typedef struct
{
  PolkuStore *store;
  GThread    *thread;
  gboolean    finished_in_write;
  GMutex      mutex;
  GCond       cond;
  gboolean    done;
  gint64      caseload;
  guint       n_queue;
  guint       n_due;
  guint       n_clients;
} Beside;

static gpointer
read_beside (gpointer data)
{
  Beside *beside = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) clients = NULL;

  beside->caseload = polku_coordinator_store_count_caseload (beside->store, "Sanna Koivisto",
                                                             &error);
  g_assert_no_error (error);
  queue = polku_coordinator_store_list_queue (beside->store, &error);
  g_assert_no_error (error);
  due = polku_followup_store_list_due (beside->store, NULL, &error);
  g_assert_no_error (error);
  clients = polku_client_store_list (beside->store, FALSE, &error);
  g_assert_no_error (error);
  g_mutex_lock (&beside->mutex);
  beside->n_queue = queue->len;
  beside->n_due = due->len;
  beside->n_clients = clients->len;
  beside->done = TRUE;
  g_cond_signal (&beside->cond);
  g_mutex_unlock (&beside->mutex);
  return NULL;
}

/* Inside a write that archives @data (a client id) and is then undone: the reads in another
 * thread neither wait for the write's lock nor see what it has not committed. */
static gboolean
archive_and_read_body (PolkuStore  *store,
                       sqlite3     *db,
                       gpointer     data,
                       GError     **error)
{
  Beside *beside = g_object_get_data (G_OBJECT (store), "beside");
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  if (!polku_store_run (db, "UPDATE client SET archived = 1 WHERE id = ?1;", "archive",
                        error, 1, (const char *) data))
    return FALSE;
  beside->thread = g_thread_new ("read-beside", read_beside, beside);
  g_mutex_lock (&beside->mutex);
  while (!beside->done && g_cond_wait_until (&beside->cond, &beside->mutex, deadline))
    ;
  beside->finished_in_write = beside->done;
  g_mutex_unlock (&beside->mutex);
  /* Undone, whether the reads came or waited for the lock (then they go on now). */
  g_set_error_literal (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED, "undone");
  return FALSE;
}

/* The caseload, the queue, the follow-ups due and the client list are read on the store's
 * reader: beside a write, without waiting for the store's lock (which a client's page waits
 * for), and seeing only what is committed. */
static void
test_reads_beside_write (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuFollowup) draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                                                 "client-id", polku_client_get_id (bo),
                                                 "title", "Soita asiakkaalle",
                                                 "due-on", f->today,
                                                 "assignee", "Jukka Rautio",
                                                 NULL);
  g_autoptr(PolkuFollowup) followup = NULL;
  g_autofree char *d30 = days_from_today (-30);
  Beside beside = { f->store };

  open_case (f, client_id (f), d30);
  set (f, client_id (f), "Sanna Koivisto", d30);
  open_case (f, polku_client_get_id (bo), d30);
  followup = polku_followup_store_add (f->store, draft, &error);
  g_assert_no_error (error);
  g_mutex_init (&beside.mutex);
  g_cond_init (&beside.cond);
  g_object_set_data (G_OBJECT (f->store), "beside", &beside);

  /* Aino (Sanna's) archived in the write: read while it holds the lock, before it commits,
   * she is still in Sanna's caseload and in the list; Bo waits with a follow-up due. */
  g_assert_false (polku_store_write (f->store, archive_and_read_body,
                                     (gpointer) client_id (f), &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_thread_join (beside.thread);
  g_assert_true (beside.finished_in_write);
  g_assert_cmpint (beside.caseload, ==, 1);
  g_assert_cmpuint (beside.n_queue, ==, 1);
  g_assert_cmpuint (beside.n_due, ==, 1);
  g_assert_cmpuint (beside.n_clients, ==, 2);

  /* Committed, the next reads see it at once. */
  g_assert_true (polku_client_store_set_archived (f->store, f->client, TRUE, &error));
  g_assert_true (polku_client_store_set_archived (f->store, bo, TRUE, &error));
  g_assert_no_error (error);
  beside.done = FALSE;
  read_beside (&beside);
  g_assert_cmpint (beside.caseload, ==, 0);
  g_assert_cmpuint (beside.n_queue, ==, 0);
  g_assert_cmpuint (beside.n_due, ==, 0);
  g_assert_cmpuint (beside.n_clients, ==, 0);

  g_object_set_data (G_OBJECT (f->store), "beside", NULL);
  g_mutex_clear (&beside.mutex);
  g_cond_clear (&beside.cond);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/coordinator/history", test_history);
  ADD ("/coordinator/schema", test_schema);
  ADD ("/coordinator/caseload-queue", test_caseload_queue);
  ADD ("/coordinator/closing", test_closing);
  ADD ("/coordinator/reads-beside-write", test_reads_beside_write);
#undef ADD
  return g_test_run ();
}
