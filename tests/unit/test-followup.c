/* test-followup.c: follow-up tasks and the "upcoming and overdue" list across clients
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-followup-store.h"
#include "polku-client-store.h"

static PolkuFollowup *
add_followup (Fixture     *f,
              const char  *client,
              const char  *title,
              const char  *due_on,
              GError     **error)
{
  g_autoptr(PolkuFollowup) draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                                                 "client-id", client,
                                                 "title", title,
                                                 "due-on", due_on,
                                                 "assignee", "Jukka Rautio",
                                                 NULL);
  return polku_followup_store_add (f->store, draft, error);
}

static void
test_due (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuClient) eero = add_client (f->store, "Eero", "Mäkinen");
  g_autoptr(PolkuFollowup) overdue = NULL;
  g_autoptr(PolkuFollowup) today = NULL;
  g_autoptr(PolkuFollowup) soon = NULL;
  g_autoptr(PolkuFollowup) later = NULL;
  g_autoptr(PolkuFollowup) archived = NULL;
  g_autoptr(PolkuFollowup) done = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *d3 = days_from_today (-3);
  g_autofree char *in3 = days_from_today (3);
  g_autofree char *in30 = days_from_today (30);
  g_autofree char *in7 = days_from_today (7);

  soon = add_followup (f, client_id (f), "Yhteispalaveri", in3, &error);
  g_assert_no_error (error);
  overdue = add_followup (f, polku_client_get_id (bo), "Soita asiakkaalle", d3, &error);
  today = add_followup (f, client_id (f), "Tarkista Kela-hakemus", f->today, &error);
  later = add_followup (f, polku_client_get_id (bo), "Suunnitelman arviointi", in30, &error);
  archived = add_followup (f, polku_client_get_id (eero), "Kotikäynti", d3, &error);
  g_assert_no_error (error);
  g_assert_true (polku_client_store_set_archived (f->store, eero, TRUE, &error));

  g_assert_cmpstr (polku_followup_get_created_by (soon), ==, "Sanna Koivisto");
  g_assert_cmpstr (polku_followup_get_assignee (soon), ==, "Jukka Rautio");
  g_assert_cmpstr (polku_followup_get_client_name (overdue), ==, "Bo Lindqvist");
  g_assert_true (polku_followup_is_overdue (overdue, f->today));
  g_assert_false (polku_followup_is_overdue (today, f->today));
  g_assert_false (polku_followup_is_overdue (soon, NULL));

  /* Upcoming and overdue across clients, the most overdue first; archived clients left out. */
  list = polku_followup_store_list_due (f->store, in7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (polku_followup_get_id (g_ptr_array_index (list, 0)), ==,
                   polku_followup_get_id (overdue));
  g_assert_cmpstr (polku_followup_get_id (g_ptr_array_index (list, 1)), ==,
                   polku_followup_get_id (today));
  g_assert_cmpstr (polku_followup_get_id (g_ptr_array_index (list, 2)), ==,
                   polku_followup_get_id (soon));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_followup_store_list_due (f->store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Done: out of the list, kept in the client's. */
  done = polku_followup_store_done (f->store, polku_followup_get_id (overdue), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_followup_get_done_on (done), ==, f->today);
  g_assert_cmpstr (polku_followup_get_done_by (done), ==, "Sanna Koivisto");
  g_assert_false (polku_followup_is_overdue (done, f->today));
  g_clear_object (&done);
  done = polku_followup_store_done (f->store, polku_followup_get_id (overdue), NULL, &error);
  g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID);
  g_clear_error (&error);
  done = polku_followup_store_done (f->store, polku_followup_get_id (soon), in3, &error);
  g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID);
  g_clear_error (&error);

  list = polku_followup_store_list_due (f->store, f->today, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_followup_store_list (f->store, polku_client_get_id (bo), FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_followup_store_list (f->store, polku_client_get_id (bo), TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = polku_followup_store_list_due (f->store, "tomorrow", &error);
  g_assert_null (list);
  g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(GPtrArray) entries = polku_audit_list (f->store, polku_client_get_id (bo),
                                                     &error);

    g_assert_cmpstr (polku_audit_entry_get_action (g_ptr_array_index (entries, 0)), ==,
                     "followup.done");
    g_assert_true (polku_audit_verify (f->store, NULL, &error));
  }
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuFollowup) followup = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3 *db;

  followup = add_followup (f, client_id (f), " ", f->today, &error);
  g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID);
  g_clear_error (&error);
  followup = add_followup (f, client_id (f), "Soita", "2026-02-30", &error);
  g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID);
  g_clear_error (&error);
  followup = add_followup (f, client_id (f), "Soita", NULL, &error);
  g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_INVALID);
  g_clear_error (&error);
  followup = polku_followup_store_done (f->store, "00000000-0000-4000-8000-000000000000", NULL,
                                        &error);
  g_assert_error (error, POLKU_FOLLOWUP_ERROR, POLKU_FOLLOWUP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = polku_followup_store_list (f->store, client_id (f), TRUE, &error);
  g_assert_cmpuint (list->len, ==, 0);

  followup = add_followup (f, client_id (f), "Soita", f->today, &error);
  g_assert_no_error (error);
  db = polku_store_begin_use (f->store, &error);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM followup;", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE followup SET done_on = '2026-01-01';", NULL, NULL,
                                 NULL), !=, SQLITE_OK);
  polku_store_end_use (f->store);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/followup/due", test_due);
  ADD ("/followup/invalid", test_invalid);
#undef ADD
  return g_test_run ();
}
