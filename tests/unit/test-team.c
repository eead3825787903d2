/* test-team.c: the team around a client: one or more responsible workers, each named and
 * ended on a date of their own, with history, enforced by the core and by the schema
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-team-store.h"

static PolkuTeamMember *
add_member (Fixture     *f,
            const char  *client,
            const char  *person,
            const char  *role,
            const char  *sector,
            const char  *joined_on,
            gboolean     responsible,
            GError     **error)
{
  g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                   "client-id", client,
                                                   "person", person,
                                                   "role", role,
                                                   "organisation", "Hyvinvointialue",
                                                   "sector", sector,
                                                   "contact", "040 123 4567",
                                                   "joined-on", joined_on,
                                                   "responsible", responsible,
                                                   NULL);
  return polku_team_store_add (f->store, draft, error);
}

static guint
count_responsible (Fixture    *f,
                   const char *client)
{
  g_autoptr(GPtrArray) team = polku_team_store_list (f->store, client, TRUE, NULL);
  guint n = 0;

  for (guint i = 0; i < team->len; i++)
    if (polku_team_member_get_responsible (g_ptr_array_index (team, i)))
      n++;
  return n;
}

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
assert_case_responsible (Fixture    *f,
                         const char *client,
                         const char *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = polku_case_store_get (f->store, client, &error);
  const char * const *workers;
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  workers = polku_case_get_responsible_workers (kase);
  g_assert_nonnull (workers);
  joined = g_strjoinv (", ", (char **) workers);
  g_assert_cmpstr (joined, ==, names);
}

/* Several responsible workers at once, each named and ended on a date of their own. */
static void
test_responsible (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) sanna = NULL;
  g_autoptr(PolkuTeamMember) jukka = NULL;
  g_autoptr(PolkuTeamMember) outi = NULL;
  g_autoptr(PolkuTeamMember) changed = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autofree char *d60 = days_from_today (-60);
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *d20 = days_from_today (-20);
  g_autofree char *d70 = days_from_today (-70);
  g_autofree char *tomorrow = days_from_today (1);
  const char *id = client_id (f);

  sanna = add_member (f, id, "Sanna Koivisto", "Sosiaaliohjaaja", "social", d60, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (polku_team_member_get_responsible (sanna));
  g_assert_cmpstr (polku_team_member_get_sector (sanna), ==, "social");
  jukka = add_member (f, id, "Jukka Rautio", "Omalääkäri", "health", d60, FALSE, &error);
  outi = add_member (f, id, "Outi Kangas", "Vertaistukija", "third_sector", d60, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_responsible (f, id), ==, 1);
  assert_case_responsible (f, id, "Sanna Koivisto");

  /* Not before joining the team, not in the future. */
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jukka), d70,
                                              &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jukka),
                                              tomorrow, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);

  /* A second responsible worker is added beside the first, who stays one. */
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jukka), d30,
                                              &error);
  g_assert_no_error (error);
  g_assert_true (polku_team_member_get_responsible (changed));
  g_clear_object (&changed);
  g_assert_cmpuint (count_responsible (f, id), ==, 2);
  assert_case_responsible (f, id, "Sanna Koivisto, Jukka Rautio");
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jukka), NULL,
                                              &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);

  /* One stops: not before their period began, only once, only a responsible worker. */
  changed = polku_team_store_unset_responsible (f->store, polku_team_member_get_id (jukka), d60,
                                                &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  changed = polku_team_store_unset_responsible (f->store, polku_team_member_get_id (outi), NULL,
                                                &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  changed = polku_team_store_unset_responsible (f->store, polku_team_member_get_id (sanna), d20,
                                                &error);
  g_assert_no_error (error);
  g_assert_false (polku_team_member_get_responsible (changed));
  g_assert_null (polku_team_member_get_left_on (changed));
  g_clear_object (&changed);
  changed = polku_team_store_unset_responsible (f->store, polku_team_member_get_id (sanna), NULL,
                                                &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_responsible (f, id), ==, 1);
  assert_case_responsible (f, id, "Jukka Rautio");

  /* Named again later: a new period. */
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (sanna), NULL,
                                              &error);
  g_assert_no_error (error);
  g_clear_object (&changed);

  periods = polku_team_store_list_responsible (f->store, id, &error);
  g_assert_cmpuint (periods->len, ==, 3);
  g_assert_cmpstr (polku_team_responsible_get_person (g_ptr_array_index (periods, 0)), ==,
                   "Sanna Koivisto");
  g_assert_cmpstr (polku_team_responsible_get_started_on (g_ptr_array_index (periods, 0)), ==,
                   d60);
  g_assert_cmpstr (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, 0)), ==,
                   d20);
  g_assert_cmpstr (polku_team_responsible_get_person (g_ptr_array_index (periods, 1)), ==,
                   "Jukka Rautio");
  g_assert_null (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, 1)));
  g_assert_null (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, 2)));
  g_assert_cmpstr (polku_team_responsible_get_set_by (g_ptr_array_index (periods, 2)), ==,
                   "Sanna Koivisto");

  /* A responsible worker who leaves stops being one that day, in the same change; even the
   * last one may leave (the overview then warns). */
  changed = polku_team_store_leave (f->store, polku_team_member_get_id (jukka), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (polku_team_member_get_responsible (changed));
  g_assert_cmpstr (polku_team_member_get_left_on (changed), ==, f->today);
  g_clear_object (&changed);
  changed = polku_team_store_leave (f->store, polku_team_member_get_id (sanna), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&changed);
  g_assert_cmpuint (count_responsible (f, id), ==, 0);
  assert_case_responsible (f, id, "");
  g_clear_pointer (&periods, g_ptr_array_unref);
  periods = polku_team_store_list_responsible (f->store, id, &error);
  g_assert_cmpuint (periods->len, ==, 3);
  for (guint i = 0; i < periods->len; i++)
    g_assert_nonnull (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, i)));
  g_assert_cmpstr (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, 1)), ==,
                   f->today);

  changed = polku_team_store_leave (f->store, polku_team_member_get_id (outi), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&changed);
  changed = polku_team_store_leave (f->store, polku_team_member_get_id (outi), NULL, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  /* Who has left cannot be named. */
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (outi), NULL,
                                              &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);

  team = polku_team_store_list (f->store, id, FALSE, &error);
  g_assert_cmpuint (team->len, ==, 0);
  g_clear_pointer (&team, g_ptr_array_unref);
  team = polku_team_store_list (f->store, id, TRUE, &error);
  g_assert_cmpuint (team->len, ==, 3);

  g_assert_cmpuint (count_audit (f, id, "team.responsible"), ==, 3);
  g_assert_cmpuint (count_audit (f, id, "team.responsible_end"), ==, 1);
  g_assert_cmpuint (count_audit (f, id, "team.leave"), ==, 3);
}

/* The schema allows one open responsible period per member (several per client), whatever
 * the code does. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuTeamMember) sanna = NULL;
  g_autoptr(PolkuTeamMember) jukka = NULL;
  g_autoptr(PolkuTeamMember) other = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  g_autofree char *cross = NULL;
  sqlite3 *db;

  sanna = add_member (f, client_id (f), "Sanna Koivisto", "Sosiaaliohjaaja", "social", NULL,
                      TRUE, &error);
  jukka = add_member (f, client_id (f), "Jukka Rautio", "Omalääkäri", "health", NULL, FALSE,
                      &error);
  other = add_member (f, polku_client_get_id (bo), "Heli Ojala", "Sosiaalityöntekijä",
                      "social", NULL, FALSE, &error);
  g_assert_no_error (error);

  again = g_strdup_printf ("INSERT INTO responsible_period (id, created, modified, client_id,"
                           " member_id, started_on, set_by) VALUES"
                           " ('00000000-0000-4000-8000-000000000001', 'x', 'x', '%s', '%s',"
                           " '2026-01-01', 'x');", client_id (f),
                           polku_team_member_get_id (sanna));
  second = g_strdup_printf ("INSERT INTO responsible_period (id, created, modified, client_id,"
                            " member_id, started_on, set_by) VALUES"
                            " ('00000000-0000-4000-8000-000000000003', 'x', 'x', '%s', '%s',"
                            " '2026-01-01', 'x');", client_id (f),
                            polku_team_member_get_id (jukka));
  cross = g_strdup_printf ("INSERT INTO responsible_period (id, created, modified, client_id,"
                           " member_id, started_on, set_by) VALUES"
                           " ('00000000-0000-4000-8000-000000000002', 'x', 'x', '%s', '%s',"
                           " '2026-01-01', 'x');", polku_client_get_id (bo),
                           polku_team_member_get_id (jukka));

  db = polku_store_begin_use (f->store, &error);
  /* A second open period of the same member: the partial unique index refuses it. */
  g_assert_cmpint (sqlite3_exec (db, again, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_UNIQUE);
  /* Someone from another client's team. */
  g_assert_cmpint (sqlite3_exec (db, cross, NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM responsible_period;", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM team_member;", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE responsible_period SET member_id = member_id,"
                                 " started_on = '2000-01-01';", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE team_member SET sector = 'police';", NULL, NULL,
                                 NULL), !=, SQLITE_OK);
  /* Another member of the same client may be a responsible worker at the same time. */
  g_assert_cmpint (sqlite3_exec (db, second, NULL, NULL, NULL), ==, SQLITE_OK);
  polku_store_end_use (f->store);

  g_assert_cmpuint (count_responsible (f, client_id (f)), ==, 2);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) member = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autofree char *tomorrow = days_from_today (1);

  member = add_member (f, client_id (f), "Sanna Koivisto", "Asiakasvastaava", "police", NULL,
                       FALSE, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = add_member (f, client_id (f), "  ", "Asiakasvastaava", "social", NULL, FALSE,
                       &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = add_member (f, client_id (f), "Sanna Koivisto", NULL, "social", NULL, FALSE, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = add_member (f, client_id (f), "Sanna Koivisto", "Asiakasvastaava", "social",
                       tomorrow, FALSE, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = polku_team_store_set_responsible (f->store, "00000000-0000-4000-8000-000000000000",
                                             NULL, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  team = polku_team_store_list (f->store, client_id (f), TRUE, &error);
  g_assert_cmpuint (team->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/team/responsible", test_responsible);
  ADD ("/team/schema", test_schema);
  ADD ("/team/invalid", test_invalid);
#undef ADD
  return g_test_run ();
}
